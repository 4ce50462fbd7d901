import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useSession } from './session.tsx';

/** Token sign-in: `radar start` prints an admin token; `radar token create` issues scoped ones. */
export function SignIn() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(token);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('signIn.invalid') : t('signIn.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form onSubmit={submit} className="card sign-in-card" aria-labelledby="sign-in-title">
        <div className="row spread">
          <h1 id="sign-in-title">{t('app.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('signIn.intro')}</p>
        <label htmlFor="token">{t('signIn.token')}</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          placeholder="radar_…"
          required
        />
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || token.trim() === ''} data-testid="sign-in-submit">
          {busy ? t('signIn.checking') : t('signIn.submit')}
        </button>
        <p className="muted small">{t('signIn.help')}</p>
      </form>
    </main>
  );
}
