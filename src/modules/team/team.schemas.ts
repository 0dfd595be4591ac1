/** What the team's routes and pages take: one declaration for both doors. */
import { Type } from 'typebox';
import { Key, Line, Nullable, Text, Uuid } from '../../http/types';

export const RoleCreate = Type.Object(
  {
    key: Key,
    name: Line(100),
    description: Type.Optional(Text(2000)),
    holderId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export const RolePatch = Type.Object(
  { name: Type.Optional(Line(100)), description: Type.Optional(Text(2000)) },
  { additionalProperties: false, minProperties: 1 },
);
export const RoleHolder = Type.Object({ personId: Nullable(Uuid) }, { additionalProperties: false });
