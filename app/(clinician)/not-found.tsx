// A record a clinician page could not find: inside the clinician frame, like the area's 403 (forbidden.tsx).
import { NotFoundMessage } from '~/app/_components/error-pages';

export default function ClinicianNotFound() {
  return <NotFoundMessage home="/clinician" />;
}
