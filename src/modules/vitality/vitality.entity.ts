import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { UpdatedAt, UuidKey } from '../../db/columns';
import { Community } from '../communities/community.entity';
import { Person } from '../people/person.entity';

/**
 * A community's health settings: its own thresholds over the defaults (rules.ts names them) and
 * whether the monthly invitation to propose goes out. No row: the defaults, invitations on.
 */
@Entity('community_health_setting')
export class CommunityHealthSetting {
  @PrimaryColumn({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ type: 'jsonb', default: () => "'{}'" }) thresholds: Record<string, number>;
  @Column({ name: 'speak_up', type: 'boolean', default: true }) speakUp: boolean;
  @UpdatedAt() updatedAt: Date;
}

/**
 * An indicator of a community that is in `act`. The row exists from the moment it falls into act
 * until it recovers; its key (community, indicator) makes the one notification: whoever inserts
 * it tells (chat in the same statement), and the next organizers' digest claims it (digest_day).
 */
@Entity('health_alert')
@Index('health_alert_undigested', ['digestDay'])
export class HealthAlert {
  @PrimaryColumn({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @PrimaryColumn({ type: 'varchar', length: 20 }) indicator: string;
  @Column({ name: 'raised_at', type: 'timestamptz', default: () => 'now()' }) raisedAt: Date;
  /** the reason when it fell (message key and values) and the next step (message key, page path) */
  @Column({ type: 'jsonb' }) reason: {
    key: string;
    values: Record<string, number | string>;
    step: string;
    path: string;
  };
  /** the day of the organizers' digest that told it; null until then */
  @Column({ name: 'digest_day', type: 'date', nullable: true }) digestDay: string | null;
}

export const SPEAK_UP_ANSWERS = ['not-now', 'never'] as const;
export type SpeakUpAnswer = (typeof SPEAK_UP_ANSWERS)[number];

/**
 * One kind invitation to propose. The unique (person, quarter) is the cap: however many workers run
 * the monthly job at once, nobody gets two in a quarter (of any community).
 */
@Entity('speak_up_invitation')
@Unique('speak_up_once_a_quarter', ['personId', 'quarter'])
@Index('speak_up_by_community', ['communityId', 'sentAt'])
@Check('speak_up_answered', '(answer IS NULL) = (answered_at IS NULL)')
export class SpeakUpInvitation {
  @UuidKey() id: string;
  @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  /** the first day of the quarter it was sent in (UTC) */
  @Column({ type: 'date' }) quarter: string;
  @Column({ name: 'sent_at', type: 'timestamptz', default: () => 'now()' }) sentAt: Date;
  @Column({ type: 'enum', enum: SPEAK_UP_ANSWERS, enumName: 'speak_up_answer', nullable: true })
  answer: SpeakUpAnswer | null;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt: Date | null;
}

/** A person's answer for every community: never ask again, or not before a day. */
@Entity('speak_up_preference')
export class SpeakUpPreference {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' }) personId: string;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @Column({ type: 'boolean', default: false }) never: boolean;
  @Column({ name: 'not_before', type: 'timestamptz', nullable: true }) notBefore: Date | null;
  @UpdatedAt() updatedAt: Date;
}
