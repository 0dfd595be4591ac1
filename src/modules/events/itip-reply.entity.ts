import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAt } from '../../db/columns';

/**
 * An iTIP REPLY read from the organizer's mailbox, once: its Message-ID is the key, so reading the
 * same message again (another worker, a mailbox that forgot its \Seen flag) changes nothing.
 */
@Entity('itip_reply')
export class ItipReply {
  @PrimaryColumn({ name: 'message_id', type: 'varchar', length: 998 }) messageId: string;
  /** what it did: going, left, waitlisted, unchanged, or why it was ignored */
  @Column({ type: 'varchar', length: 200 }) outcome: string;
  @CreatedAt() createdAt: Date;
}
