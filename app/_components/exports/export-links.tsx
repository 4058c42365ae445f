// Downloads of a patient's record (app/api/export): plain links, so they work without JavaScript, for the
// care team's record page and summary, and the patient's own "Download my data".
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '~/app/_components/button-classes';

type File = 'fhir.json' | 'check-ins.csv' | 'plan-steps.csv' | 'summary.pdf';

export async function ExportLinks({ patientId, files, pdfPageSizes = false }: { patientId: string; files: File[]; pdfPageSizes?: boolean }) {
  const t = await getTranslations('Exports');
  const href = (file: File, query = '') => `/api/export/${patientId}/${file}${query}`;
  const label: Record<File, string> = {
    'fhir.json': t('files.fhir'),
    'check-ins.csv': t('files.checkIns'),
    'plan-steps.csv': t('files.planSteps'),
    'summary.pdf': t('files.summary'),
  };
  const hint: Record<File, string> = {
    'fhir.json': t('hints.fhir'),
    'check-ins.csv': t('hints.checkIns'),
    'plan-steps.csv': t('hints.planSteps'),
    'summary.pdf': t('hints.summary'),
  };
  return (
    <ul className="flex flex-col gap-3">
      {files.map((file) => (
        <li key={file} className="flex flex-wrap items-center gap-x-4 gap-y-1">
          {file === 'summary.pdf' && pdfPageSizes ? (
            <>
              <a href={href(file, '?page=a4')} download className={buttonClass('secondary')}>{t('files.summaryA4')}</a>
              <a href={href(file, '?page=letter')} download className={buttonClass('secondary')}>{t('files.summaryLetter')}</a>
            </>
          ) : (
            <a href={href(file)} download className={buttonClass('secondary')}>{label[file]}</a>
          )}
          <span className="text-slate-700">{hint[file]}</span>
        </li>
      ))}
    </ul>
  );
}
