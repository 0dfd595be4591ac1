import { Type } from 'typebox';
import { PageQuery } from '../../http/pagination';
import { DateTime, Key, Line, Nullable, Text, Uuid } from '../../http/types';
import { TASK_CATEGORIES, TASK_OWNERS, TASK_STATUSES } from './task.entity';
import type { TaskRow, TemplateRow } from './tasks.queries';

const Category = Type.Enum(TASK_CATEGORIES);
const Owner = Type.Enum(TASK_OWNERS);
const Status = Type.Enum(TASK_STATUSES);
const Offset = Type.Integer({
  minimum: -365,
  maximum: 365,
  description: "days from the talk's start in the event's time zone (−14: two weeks before)",
});

export const TemplateIn = Type.Object(
  {
    title: Line(200),
    description: Type.Optional(Text(5000)),
    category: Category,
    owner: Owner,
    offsetDays: Offset,
    defaultAssigneeId: Type.Optional(Nullable(Uuid)),
    roleId: Type.Optional(Nullable(Uuid)),
    active: Type.Optional(Type.Boolean()),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export const TemplatePatch = Type.Object(
  {
    title: Type.Optional(Line(200)),
    description: Type.Optional(Text(5000)),
    category: Type.Optional(Category),
    owner: Type.Optional(Owner),
    offsetDays: Type.Optional(Offset),
    defaultAssigneeId: Type.Optional(Nullable(Uuid)),
    roleId: Type.Optional(Nullable(Uuid)),
    active: Type.Optional(Type.Boolean()),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const TemplateOut = Type.Object({
  id: Uuid,
  title: Type.String(),
  description: Type.String(),
  category: Category,
  owner: Owner,
  offsetDays: Type.Integer(),
  defaultAssigneeId: Nullable(Uuid),
  roleId: Nullable(Uuid),
  position: Type.Integer(),
  active: Type.Boolean(),
  createdAt: DateTime,
});

export const TaskIn = Type.Object(
  {
    title: Line(200),
    description: Type.Optional(Text(5000)),
    category: Category,
    owner: Owner,
    assigneeId: Type.Optional(Nullable(Uuid)),
    offsetDays: Type.Optional(Nullable(Offset)),
    dueAt: Type.Optional(Nullable(DateTime)),
  },
  { additionalProperties: false },
);
export const TaskPatch = Type.Object(
  {
    title: Type.Optional(Line(200)),
    description: Type.Optional(Text(5000)),
    category: Type.Optional(Category),
    assigneeId: Type.Optional(Nullable(Uuid)),
    dueAt: Type.Optional(
      Nullable(
        Type.String({
          format: 'date-time',
          description: 'set by hand (stops following the talk); null: follow the talk again',
        }),
      ),
    ),
    status: Type.Optional(Status),
    reason: Type.Optional(Text(1000)),
    notes: Type.Optional(Text(10000)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const TaskOut = Type.Object({
  id: Uuid,
  proposal: Type.Object({ id: Uuid, title: Type.String() }),
  templateId: Nullable(Uuid),
  title: Type.String(),
  description: Type.String(),
  category: Category,
  owner: Owner,
  assignee: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  offsetDays: Nullable(Type.Integer()),
  dueAt: Nullable(DateTime),
  dueSetByHand: Type.Boolean(),
  overdue: Type.Boolean({
    description: 'open and past its due date — but not a preparation task of a talk already given (afterTalk)',
  }),
  afterTalk: Type.Boolean({
    description:
      'open, of a talk already given, and due by the time it began: its moment has passed, so it is not overdue; mark it done or skip it',
  }),
  status: Status,
  statusBy: Nullable(Uuid),
  statusAt: Nullable(DateTime),
  statusReason: Nullable(Type.String()),
  notes: Type.String(),
  eventId: Nullable(Uuid),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
const Counts = Type.Record(Type.String(), Type.Integer());
export const BoardOut = Type.Object({
  items: Type.Array(TaskOut),
  nextCursor: Nullable(Type.String()),
  counts: Type.Object({ byCategory: Counts, byStatus: Counts }),
  emptyOccurrences: Type.Array(
    Type.Object({ eventId: Uuid, title: Type.String(), series: Type.String(), startsAt: DateTime }),
    { description: 'series occurrences within two weeks with an empty agenda' },
  ),
});
export const BoardQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(Type.Array(Status)),
    overdue: Type.Optional(Type.Boolean()),
    afterTalk: Type.Optional(
      Type.Boolean({ description: 'true: only the tasks "after the talk"; false: none of them' }),
    ),
    dueBefore: Type.Optional(DateTime),
    assignee: Type.Optional(Type.Union([Uuid, Type.Literal('me')])),
    category: Type.Optional(Type.Array(Category)),
    eventId: Type.Optional(Uuid),
    proposalId: Type.Optional(Uuid),
    role: Type.Optional(Key),
  },
  { additionalProperties: false },
);

export const templateOut = (t: TemplateRow) => ({
  id: t.id,
  title: t.title,
  description: t.description,
  category: t.category,
  owner: t.owner,
  offsetDays: t.offset_days,
  defaultAssigneeId: t.default_assignee_id,
  roleId: t.role_id,
  position: t.position,
  active: t.active,
  createdAt: t.created_at.toISOString(),
});
export const taskOut = (t: TaskRow) => ({
  id: t.id,
  proposal: { id: t.proposal_id, title: t.proposal_title },
  templateId: t.template_id,
  title: t.title,
  description: t.description,
  category: t.category,
  owner: t.owner,
  assignee: t.assignee_id ? { id: t.assignee_id, name: t.assignee_name ?? '' } : null,
  offsetDays: t.offset_days,
  dueAt: t.due_at?.toISOString() ?? null,
  dueSetByHand: t.due_overridden,
  overdue: t.overdue,
  afterTalk: t.after_talk,
  status: t.status,
  statusBy: t.status_by,
  statusAt: t.status_at?.toISOString() ?? null,
  statusReason: t.status_reason,
  notes: t.notes,
  eventId: t.event_id,
  version: t.version,
  createdAt: t.created_at.toISOString(),
  updatedAt: t.updated_at.toISOString(),
});
