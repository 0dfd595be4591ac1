import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's own round of invitations to an event: raised when they take or give up a seat, and
 * added to the event's SEQUENCE in their invitation, so a re-invitation after leaving outranks the
 * cancellation they got (and its mail gets a Message-ID of its own).
 */
export class RsvpInviteRound1795622778150 implements MigrationInterface {
  name = 'RsvpInviteRound1795622778150';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "rsvp" ADD "invite_round" integer NOT NULL DEFAULT '0'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "rsvp" DROP COLUMN "invite_round"`);
  }
}
