// A clinician page refused (someone else's patient, a meeting they do not attend): shown inside the clinician
// frame, whose layout gives the header and the one main landmark. A refusal by the layout itself (another
// role) goes to the root page, in the public frame.
import { ForbiddenMessage } from '~/app/_components/error-pages';

export default function ClinicianForbidden() {
  return <ForbiddenMessage home="/clinician" />;
}
