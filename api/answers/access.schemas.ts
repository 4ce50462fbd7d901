import Type from 'typebox';
import { ROLES } from '../../auth/role-names.ts';

/** Answer of GET /v1/me (api/routes/tokens.route.ts): the calling token's role and scope. */
export const MeAnswer = Type.Object({
  token_id: Type.String(),
  role: Type.Enum([...ROLES]),
  categories: Type.Array(Type.String()),
  host_id: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
});

export type MeAnswer = Type.Static<typeof MeAnswer>;
