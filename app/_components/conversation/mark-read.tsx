'use client';
// Opening the conversation reads it for the care team: once on arrival, then the page (and the record's
// navigation) is refreshed if that changed anything, so the thread shown is the one that was read.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useTRPC } from '~/app/_trpc/client';

export function MarkConversationRead({ patientId }: { patientId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const sent = useRef(false);
  const markRead = useMutation(
    trpc.conversation.markRead.mutationOptions({
      onSuccess: (result) => {
        if (result.wasUnread || result.noticesRead > 0) router.refresh();
      },
    }),
  );
  const { mutate } = markRead;
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    mutate({ patientId });
  }, [mutate, patientId]);
  return null;
}
