-- YouTube's subscriptions, playlist items and likes (docs/sources.md), polled from the Data API v3: three
-- record kinds beside the Takeout's watches and searches (RecordKind.YoutubeSubscription,
-- RecordKind.YoutubePlaylistItem, RecordKind.YoutubeLike).
INSERT INTO user_data.record_kinds (kind, name) VALUES (17, 'youtube_subscriptions'), (18, 'youtube_playlist_items'), (19, 'youtube_likes')
ON CONFLICT (kind) DO NOTHING;
