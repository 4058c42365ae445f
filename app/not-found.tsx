import { PublicShell } from './_components/app-shell';
import { NotFoundMessage } from './_components/error-pages';

export default function NotFound() {
  return (
    <PublicShell>
      <NotFoundMessage />
    </PublicShell>
  );
}
