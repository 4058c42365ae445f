// A patient's phone numbers on their record, each one tap-to-call, and where the care-team number comes from when none is set.
import { getTranslations } from 'next-intl/server';
import { PhoneLink } from '~/app/_components/phone-link';
import { dialable } from '~/lib/contacts/phone';

export interface PatientNumbers {
  phone: string | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  careTeamPhone: string | null;
}

export async function ContactNumbers({ numbers, clinicPhone }: { numbers: PatientNumbers; clinicPhone: string | null }) {
  const t = await getTranslations('Contacts.record');
  const phone = dialable(numbers.phone);
  const emergency = dialable(numbers.emergencyContactPhone);
  const careTeam = dialable(numbers.careTeamPhone);
  const clinic = dialable(clinicPhone);
  const none = <span className="text-slate-700">{t('notRecorded')}</span>;
  return (
    <dl className="grid max-w-3xl grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
      <dt className="font-medium text-slate-700">{t('phone')}</dt>
      <dd>{phone ? <PhoneLink number={phone} /> : none}</dd>
      <dt className="font-medium text-slate-700">{t('emergency')}</dt>
      <dd>
        {numbers.emergencyContactName || emergency ? (
          <span className="flex flex-wrap gap-x-2">
            {numbers.emergencyContactName && <span className="break-words">{numbers.emergencyContactName}</span>}
            {emergency && <PhoneLink number={emergency} />}
          </span>
        ) : (
          none
        )}
      </dd>
      <dt className="font-medium text-slate-700">{t('careTeam')}</dt>
      <dd>
        {careTeam ? (
          <PhoneLink number={careTeam} />
        ) : clinic ? (
          <span className="text-slate-800">{t('careTeamClinic', { number: clinic.display })}</span>
        ) : (
          <span className="text-slate-800">{t('careTeamNone')}</span>
        )}
        <p className="text-sm text-slate-700">{t('careTeamHint')}</p>
      </dd>
    </dl>
  );
}
