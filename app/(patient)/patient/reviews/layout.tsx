// The page's own messages for the browser (i18n/client-namespaces.ts).
import { messagesLayout } from '~/app/_components/client-messages';

export default messagesLayout('(patient)/patient/reviews');
