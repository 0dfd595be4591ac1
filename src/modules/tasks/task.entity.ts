import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidKey } from '../../db/columns';
import { Community } from '../communities/community.entity';
import { Person } from '../people/person.entity';
import { Proposal } from '../proposals/proposal.entity';
import { TeamRole } from '../team/team-role.entity';

export const TASK_CATEGORIES = ['logistics', 'slides', 'promotion', 'follow-up'] as const;
export type TaskCategory = (typeof TASK_CATEGORIES)[number];
export const TASK_OWNERS = ['organizer', 'speaker'] as const;
export type TaskOwner = (typeof TASK_OWNERS)[number];
export const TASK_STATUSES = ['open', 'done', 'skipped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A community's recipe for speaker support: every accepted talk gets one task per active template. */
@Entity('task_template')
@Check('task_template_offset', 'offset_days BETWEEN -365 AND 365')
export class TaskTemplate {
  @UuidKey() id: string;
  @Index() @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ type: 'enum', enum: TASK_CATEGORIES, enumName: 'task_category' }) category: TaskCategory;
  @Column({ type: 'enum', enum: TASK_OWNERS, enumName: 'task_owner' }) owner: TaskOwner;
  /** Days from the talk's start, in the event's time zone (−14: two weeks before; +2: two days after). */
  @Column({ name: 'offset_days', type: 'integer' }) offsetDays: number;
  @Column({ name: 'default_assignee_id', type: 'uuid', nullable: true }) defaultAssigneeId: string | null;
  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'default_assignee_id' })
  defaultAssignee?: Person;
  /** Owned by a team role: the checklist assigns it to whoever holds the role then. */
  @Index() @Column({ name: 'role_id', type: 'uuid', nullable: true }) roleId: string | null;
  @ManyToOne(() => TeamRole, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'role_id' }) role?: TeamRole;
  @Column({ type: 'integer', default: 0 }) position: number;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}

/**
 * One task of a talk's checklist. `due_at` is null while the talk has no slot; a trigger on slots
 * computes it (slot start in the event's time zone + offset_days, calendar days, DST-correct) for
 * open tasks whose due date was not set by hand.
 */
@Entity('task')
@Index('task_board', ['communityId', 'status', 'dueAt', 'id'])
// The unfiltered board's order (every status): a page without sorting the community's tasks.
@Index('task_due', ['communityId', 'dueAt', 'id'])
// A talk's checklist progress (done, total, overdue) from the index alone: lists show it for 50 talks a page.
@Index('task_checklist', ['proposalId', 'status', 'dueAt'])
@Index('task_template_once', ['proposalId', 'templateId'], { unique: true, where: 'template_id IS NOT NULL' })
export class Task {
  @UuidKey() id: string;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Proposal;
  @Column({ name: 'template_id', type: 'uuid', nullable: true }) templateId: string | null;
  @ManyToOne(() => TaskTemplate, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'template_id' }) template?: TaskTemplate;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ type: 'enum', enum: TASK_CATEGORIES, enumName: 'task_category' }) category: TaskCategory;
  @Column({ type: 'enum', enum: TASK_OWNERS, enumName: 'task_owner' }) owner: TaskOwner;
  @Index() @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId: string | null;
  /** The team role it belongs to (from its template): the board filters by it; a handover moves it. */
  @Index() @Column({ name: 'role_id', type: 'uuid', nullable: true }) roleId: string | null;
  @ManyToOne(() => TeamRole, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'role_id' }) role?: TeamRole;
  @ManyToOne(() => Person, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'assignee_id' }) assignee?: Person;
  @Column({ name: 'offset_days', type: 'integer', nullable: true }) offsetDays: number | null;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  @Column({ name: 'due_overridden', type: 'boolean', default: false }) dueOverridden: boolean;
  @Column({ type: 'enum', enum: TASK_STATUSES, enumName: 'task_status', default: 'open' }) status: TaskStatus;
  @Column({ name: 'status_by', type: 'uuid', nullable: true }) statusBy: string | null;
  @Column({ name: 'status_at', type: 'timestamptz', nullable: true }) statusAt: Date | null;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  @Column({ type: 'text', default: '' }) notes: string;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}

/** One digest per person per day, however many workers run the cron. */
@Entity('digest_log')
export class DigestLog {
  @Column({ name: 'person_id', type: 'uuid', primary: true }) personId: string;
  @Column({ type: 'date', primary: true }) day: string;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @Column({ name: 'sent_at', type: 'timestamptz', default: () => 'now()' }) sentAt: Date;
}
