// zod inputs of the in-app notification list and the administrator's delivery view.
import { z } from 'zod';
import { uuidSchema } from '~/lib/validation';

export const listNotificationsInput = z.strictObject({
  unreadOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(200).default(50),
});

export const markNotificationsReadInput = z.union([
  z.strictObject({ ids: z.array(uuidSchema).min(1, 'Choose at least one notification.').max(200, 'At most 200 at a time.') }),
  z.strictObject({ all: z.literal(true) }),
]);

export const alertNotificationsInput = z.strictObject({ patientId: uuidSchema, alertId: uuidSchema });

export const retryDeliveryInput = z.strictObject({ deliveryId: uuidSchema });
