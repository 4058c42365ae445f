// The read audit for administrators: who read which patient's record, filtered by patient, person and days,
// a page at a time, with the same selection as a CSV download. The URL carries ids and dates only.
import type { Metadata } from 'next';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { SelectField, TextField } from '~/app/_components/fields';
import { RowTh, Table, Td, Th, THead, Tr } from '~/app/_components/table';
import { Button, ButtonLink, Card, EmptyState, Notice, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { listRecordReadsInput } from '~/lib/read-audit/what';
import { zodIssueText } from '~/server/api/trpc';
import { isLocale } from '~/lib/i18n/locales';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('ReadAudit.admin');
  return { title: t('title') };
}

type Search = Record<string, string | string[] | undefined>;
const FIELDS = ['patient', 'person', 'from', 'to'] as const;

/** The query's filters as typed (blank ones left out), before validation. */
function filtersOf(search: Search): Partial<Record<(typeof FIELDS)[number] | 'page', string>> {
  const out: Partial<Record<(typeof FIELDS)[number] | 'page', string>> = {};
  for (const key of [...FIELDS, 'page'] as const) {
    const value = search[key];
    const one = Array.isArray(value) ? value[0] : value;
    if (one) out[key] = one;
  }
  return out;
}

function hrefWith(filters: Partial<Record<string, string>>, base = '/admin/read-audit'): string {
  const query = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])));
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

export default async function ReadAuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const me = await requireUser('admin');
  const t = await getTranslations('ReadAudit');
  const tc = await getTranslations('Common');
  const format = await getFormatter();
  const typed = filtersOf(await searchParams);
  const parsed = listRecordReadsInput.safeParse({ ...typed, page: typed.page ? Number(typed.page) : undefined });
  const api = await serverApi();
  const [options, result] = await Promise.all([api.readAudit.filters(), parsed.success ? api.readAudit.list(parsed.data) : null]);
  const { page: _page, ...selection } = typed;

  return (
    <>
      <PageTitle subtitle={t('admin.subtitle')}>{t('admin.title')}</PageTitle>
      <Card title={t('admin.filters')}>
        <form method="get" action="/admin/read-audit" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <SelectField label={t('admin.patient')} name="patient" defaultValue={typed.patient ?? ''}>
            <option value="">{t('admin.anyPatient')}</option>
            {options.patients.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </SelectField>
          <SelectField label={t('admin.person')} name="person" defaultValue={typed.person ?? ''}>
            <option value="">{t('admin.anyPerson')}</option>
            {options.people.map((p) => <option key={p.id} value={p.id}>{`${p.name} (${tc(`roles.${p.role}`)})`}</option>)}
          </SelectField>
          <TextField label={t('admin.from')} name="from" type="date" defaultValue={typed.from ?? ''} />
          <TextField label={t('admin.to')} name="to" type="date" defaultValue={typed.to ?? ''} />
          <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
            <Button type="submit">{t('admin.show')}</Button>
            <ButtonLink variant="secondary" href="/admin/read-audit">{t('admin.clear')}</ButtonLink>
            {parsed.success && (
              <a className="font-medium text-brand-700 underline" href={hrefWith(selection, '/api/admin/read-audit')} download>
                {t('admin.download')}
              </a>
            )}
          </div>
          <p className="text-sm text-slate-700 sm:col-span-2 lg:col-span-4">{`${t('admin.dayHint', { timeZone: me.timeZone })} ${t('admin.downloadHint')}`}</p>
        </form>
      </Card>
      <section aria-labelledby="reads-heading" className="mt-8 flex flex-col gap-3">
        <h2 id="reads-heading" className="sr-only">{t('admin.caption')}</h2>
        {!parsed.success ? (
          <Notice tone="error" role="alert">{t('admin.badFilter', { message: badFilter(parsed.error.issues[0], await getLocale()) })}</Notice>
        ) : !result || result.rows.length === 0 ? (
          <EmptyState title={t('admin.empty')} />
        ) : (
          <>
            <Table caption={t('admin.caption')} minWidth="56rem">
              <THead>
                <Th>{t('admin.when')}</Th>
                <Th>{t('admin.who')}</Th>
                <Th>{t('admin.whose')}</Th>
                <Th>{t('admin.what')}</Th>
                <Th>{t('admin.page')}</Th>
              </THead>
              <tbody>
                {result.rows.map((row) => (
                  <Tr key={row.id}>
                    <RowTh className="font-normal whitespace-nowrap">{format.dateTime(row.at, { dateStyle: 'medium', timeStyle: 'medium', timeZone: me.timeZone })}</RowTh>
                    <Td>
                      {row.actorName}
                      <span className="block text-sm text-slate-700">
                        {row.actorProfession ? tc(`professions.${row.actorProfession}`) : tc(`roles.${row.actorRole}`)}
                      </span>
                    </Td>
                    <Td>{row.patientName}</Td>
                    <Td>{t(`staffTopics.${row.topic}`)}</Td>
                    <Td>
                      <code className="text-sm">{row.page ?? row.what}</code>
                      {row.page && <span className="block text-sm text-slate-700"><code>{row.what}</code></span>}
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
            <nav aria-label={t('admin.pageOf', { page: result.page })} className="flex items-center gap-4">
              {result.page > 1 && <ButtonLink variant="secondary" href={hrefWith({ ...selection, page: String(result.page - 1) })}>{t('admin.previous')}</ButtonLink>}
              <span className="text-slate-700">{t('admin.pageOf', { page: result.page })}</span>
              {result.hasMore && <ButtonLink variant="secondary" href={hrefWith({ ...selection, page: String(result.page + 1) })}>{t('admin.next')}</ButtonLink>}
            </nav>
          </>
        )}
      </section>
    </>
  );
}

/** The filter's problem in the reader's language (the schema names its message by key: i18n/errors.ts). */
function badFilter(issue: Parameters<typeof zodIssueText>[0] | undefined, locale: string): string {
  return issue ? zodIssueText(issue, isLocale(locale) ? locale : 'en') : '';
}
