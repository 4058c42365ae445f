import { PublicShell } from './_components/app-shell';
import { ForbiddenMessage } from './_components/error-pages';

export default function Forbidden() {
  return (
    <PublicShell>
      <ForbiddenMessage />
    </PublicShell>
  );
}
