// Shown while a patient's trends for a period are read.
import { TrendsLoading } from '~/app/_components/trends/trends-loading';

export default function Loading() {
  return <TrendsLoading patient={false} />;
}
