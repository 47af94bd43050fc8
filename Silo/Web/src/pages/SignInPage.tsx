import { useState } from "preact/hooks";
import { redeemLink, signIn } from "../api/auth";

// `/sign-in` signs in with a password; `/sign-in#code=…`, the one-time link `./datapunk up` prints
// for the owner's first set-up, sets a password with the code. The code stays in the fragment,
// which no server log sees, and is removed from the address bar once used.
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const code = new URLSearchParams(location.hash.slice(1)).get("code");
  const [userName, setUserName] = useState("");
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setMessage("");
    try {
      if (code) await redeemLink(code, password);
      else await signIn(userName, password);
      history.replaceState(null, "", "/sign-in");
      onSignedIn();
    } catch (error) {
      setMessage((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="narrow">
      <h1>Sign in to Datapunk</h1>
      <form onSubmit={submit} class="panel">
        {code ? (
          <>
            <p>This one-time link signs you in. Choose a password for later sign-ins.</p>
            <label>New password (at least 10 characters)
              <input type="password" autocomplete="new-password" minLength={10} required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
            </label>
            <button class="primary" type="submit" disabled={busy}>Set password and sign in</button>
          </>
        ) : (
          <>
            <label>User name
              <input type="text" name="username" autocomplete="username" required value={userName} onInput={(e) => setUserName(e.currentTarget.value)} />
            </label>
            <label>Password
              <input type="password" name="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
            </label>
            <button class="primary" type="submit" disabled={busy}>Sign in</button>
          </>
        )}
        <p role="alert" class="error">{message}</p>
      </form>
    </main>
  );
}
