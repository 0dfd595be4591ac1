import { Check, Column, Entity } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidKey } from '../../db/columns';
import { LANGUAGES, type Language } from '../../core/i18n/languages';

/** E-mail is stored lower-cased (the CHECK says so), which makes the unique constraint case-insensitive. */
@Entity('person')
@Check('person_email_lower', 'email = lower(email)')
@Check('person_alarm', 'alarm_minutes IS NULL OR alarm_minutes BETWEEN 0 AND 10080')
export class Person {
  @UuidKey() id: string;
  @Column({ type: 'varchar', length: 320, unique: true }) email: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) department: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) title: string | null;
  /** false: colleagues cannot nominate this person to speak. */
  @Column({ name: 'accepts_nominations', type: 'boolean', default: true }) acceptsNominations: boolean;
  /** A reminder alarm (VALARM) this many minutes before, in their invitations and personal feed; null: none. */
  @Column({ name: 'alarm_minutes', type: 'smallint', nullable: true }) alarmMinutes: number | null;
  /** The language the person chose for pages and mail; null: their browser's, else the community's. */
  @Column({ type: 'enum', enum: LANGUAGES, enumName: 'talk_language', nullable: true }) language: Language | null;
  @Column({ name: 'is_admin', type: 'boolean', default: false }) isAdmin: boolean;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
