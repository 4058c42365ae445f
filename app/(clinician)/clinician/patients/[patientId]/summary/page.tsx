// The one-page clinical summary for the GP or the MDT: printable on one A4 or Letter page, and as a PDF made
// from the same summary, in the reader's language. Opening it is an export of the record, recorded like the downloads.
import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClinicalSummaryView } from '~/app/_components/clinical-summary';
import { ExportLinks } from '~/app/_components/exports/export-links';
import { PrintButton } from '~/app/_components/print-button';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { summaryPdfWords } from '~/server/export/words';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Exports.summaryPage');
  return { title: t('metaTitle') };
}

export default async function ClinicalSummaryPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  await requireUser('clinician');
  const t = await getTranslations('Exports.summaryPage');
  const { summary } = await (await serverApi()).exports.summary({ patientId, format: 'html' });
  // In the reader's language, in the PDF's words where the two say the same. The summary holds the h1; around
  // it, only what is not printed.
  const words = summaryPdfWords(await getLocale());
  return (
    <>
      <section aria-label={t('downloads')} className="no-print mb-6 flex flex-wrap items-center gap-4">
        <PrintButton label={t('print')} />
        <ExportLinks patientId={patientId} files={['summary.pdf']} pdfPageSizes />
      </section>
      <ClinicalSummaryView summary={summary} words={words} t={t} />
    </>
  );
}
