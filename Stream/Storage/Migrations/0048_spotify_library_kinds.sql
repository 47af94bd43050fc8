-- Spotify's saved tracks and playlist items (docs/sources.md), polled from the Web API: two record
-- kinds beside the plays (RecordKind.SpotifySavedTrack, RecordKind.SpotifyPlaylistItem).
INSERT INTO user_data.record_kinds (kind, name) VALUES (15, 'spotify_saved_tracks'), (16, 'spotify_playlist_items')
ON CONFLICT (kind) DO NOTHING;
