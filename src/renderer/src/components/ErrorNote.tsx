import { ApiError } from '../api/client';

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : 'internal';
  return (
    <p className="error" role="alert" data-code={code}>
      {message}
    </p>
  );
}
