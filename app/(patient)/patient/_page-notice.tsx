// A patient page that has only something to say (no record yet, a pump, nothing here): its title and one notice.
import type { ReactNode } from 'react';
import { Notice, PageTitle } from '~/app/_components/ui';

export function PageNotice({ title, tone = 'info', noticeTitle, children }: {
  title: ReactNode;
  tone?: 'info' | 'warning';
  noticeTitle?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <Notice tone={tone} title={noticeTitle}>{children}</Notice>
    </>
  );
}
