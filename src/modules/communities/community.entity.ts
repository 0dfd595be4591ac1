import { Check, Column, Entity } from 'typeorm';
import { LANGUAGES, type Language } from '../../core/i18n/languages';

export const RETROSPECTIVE_VISIBILITIES = ['organizers', 'everyone'] as const;
export type RetrospectiveVisibility = (typeof RETROSPECTIVE_VISIBILITIES)[number];
export const EVENT_VISIBILITIES = ['internal', 'public'] as const;
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number];
import { CreatedAt, UpdatedAt, UuidKey } from '../../db/columns';

@Entity('community')
@Check('community_slug_format', `slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'`)
export class Community {
  @UuidKey() id: string;
  @Column({ type: 'varchar', length: 64, unique: true }) slug: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ name: 'blind_review', type: 'boolean', default: false }) blindReview: boolean;
  /** Who reads the organizers' retrospective of a talk. */
  @Column({
    name: 'retrospective_visibility',
    type: 'enum',
    enum: RETROSPECTIVE_VISIBILITIES,
    enumName: 'retrospective_visibility',
    default: 'organizers',
  })
  retrospectiveVisibility: RetrospectiveVisibility;
  /**
   * Who reads the community's calendar feed (and its event pages): `public`, anyone who reaches the
   * server; `internal`, signed-in people, and calendar clients through a personal feed URL.
   */
  @Column({
    name: 'event_visibility',
    type: 'enum',
    enum: EVENT_VISIBILITIES,
    enumName: 'event_visibility',
    default: 'internal',
  })
  eventVisibility: EventVisibility;
  /** The language of its pages and mail for readers who chose none and whose browser asks for none we speak. */
  @Column({ name: 'default_language', type: 'enum', enum: LANGUAGES, enumName: 'talk_language', default: 'en' })
  defaultLanguage: Language;
  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'UTC' }) timeZone: string;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
