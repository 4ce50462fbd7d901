import type { BacklogShipmentRow, BacklogShipmentsAnswer as Answer } from '../../../api/answers/shipments.schemas.ts';

/** GET /v1/kpi/logistics/shipments: types from the server's schema (api/answers/shipments.schemas.ts). */
export const BACKLOG_KINDS = ['stalled', 'pickup_overdue'] as const satisfies readonly Answer['kind'][];
export type BacklogKind = (typeof BACKLOG_KINDS)[number];
export type BacklogShipment = BacklogShipmentRow;
export type BacklogShipmentsAnswer = Answer;
