/**
 * The home page's SQL: one statement per block, each across every community of the reader (no query
 * per community or per row). Only what the reader may see: events of their communities or ones they
 * answered, their own proposals, invitations addressed to them, public communities.
 */
import type { EntityManager } from 'typeorm';
import { sql } from '../../db/sql';
import type { ProposalState } from '../proposals/state-machine';
import type { RsvpStatus } from '../events/rsvp.entity';

export interface HomeEvent {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  slug: string;
  community: string;
  rsvp: RsvpStatus | null;
}

/** Published events not yet over in the person's communities, or any they answered; soonest first. */
export const upcomingEvents = (m: EntityManager, personId: string, limit: number) =>
  sql<HomeEvent>(
    m,
    `SELECT e.id, e.title, e.starts_at, e.ends_at, e.time_zone, c.slug, c.name AS community, r.status AS rsvp
       FROM event e JOIN community c ON c.id = e.community_id
       LEFT JOIN rsvp r ON r.event_id = e.id AND r.person_id = $1
      WHERE e.status = 'published' AND e.ends_at > now()
        AND (r.person_id IS NOT NULL
             OR EXISTS (SELECT 1 FROM membership mb WHERE mb.community_id = e.community_id AND mb.person_id = $1))
      ORDER BY e.starts_at, e.id LIMIT $2`,
    [personId, limit],
  );

export interface HomeProposal {
  id: string;
  title: string;
  state: ProposalState;
  slug: string;
  community: string;
  role: 'member' | 'reviewer' | 'organizer' | null;
  talk_at: Date | null;
  time_zone: string | null;
}

/** The person's own proposals (as a speaker): those still moving first, then the newest. */
export const myProposals = (m: EntityManager, personId: string, limit: number) =>
  sql<HomeProposal>(
    m,
    `SELECT p.id, p.title, p.state, c.slug, c.name AS community, mb.role, e.starts_at AS talk_at, e.time_zone
       FROM proposal_speaker sp JOIN proposal p ON p.id = sp.proposal_id JOIN community c ON c.id = p.community_id
       LEFT JOIN membership mb ON mb.community_id = p.community_id AND mb.person_id = $1
       LEFT JOIN slot s ON s.proposal_id = p.id LEFT JOIN event e ON e.id = s.event_id
      WHERE sp.person_id = $1
        AND (p.state NOT IN ('rejected', 'withdrawn', 'canceled') OR p.updated_at > now() - interval '30 days')
      ORDER BY (p.state IN ('rejected', 'withdrawn', 'canceled')), p.updated_at DESC, p.id LIMIT $2`,
    [personId, limit],
  );

export interface HomeCall {
  id: string;
  title: string;
  closes_at: Date | null;
  slug: string;
  community: string;
  time_zone: string;
}

/** Calls for proposals open now in the person's communities; those closing soonest first. */
export const openCalls = (m: EntityManager, personId: string, limit: number) =>
  sql<HomeCall>(
    m,
    `SELECT k.id, k.title, k.closes_at, c.slug, c.name AS community, c.time_zone
       FROM membership mb JOIN call_for_proposals k ON k.community_id = mb.community_id
       JOIN community c ON c.id = k.community_id
      WHERE mb.person_id = $1 AND k.opens_at <= now() AND (k.closes_at IS NULL OR k.closes_at > now())
      ORDER BY k.closes_at ASC NULLS LAST, k.id LIMIT $2`,
    [personId, limit],
  );

export interface HomeInvitation {
  kind: 'co-speaker' | 'nomination';
  id: string;
  title: string;
  by: string;
  community: string;
  at: Date;
}

/** Invitations to co-present a proposal that wait for the person's answer. */
export const coSpeakerInvitations = (m: EntityManager, personId: string, limit: number) =>
  sql<HomeInvitation>(
    m,
    `SELECT 'co-speaker' AS kind, p.id, p.title, b.name AS by, c.name AS community, i.invited_at AS at
       FROM co_speaker_invitation i JOIN proposal p ON p.id = i.proposal_id
       JOIN community c ON c.id = p.community_id JOIN person b ON b.id = i.invited_by
      WHERE i.person_id = $1 ORDER BY i.invited_at DESC LIMIT $2`,
    [personId, limit],
  );

/** Open nominations of the person (a colleague suggested they speak), waiting for their answer. */
export const openNominations = (m: EntityManager, personId: string, limit: number) =>
  sql<HomeInvitation>(
    m,
    `SELECT 'nomination' AS kind, n.id, n.topic AS title, b.name AS by, c.name AS community, n.created_at AS at
       FROM nomination n JOIN community c ON c.id = n.community_id JOIN person b ON b.id = n.nominator_id
      WHERE n.nominee_id = $1 AND n.status = 'open' ORDER BY n.created_at DESC LIMIT $2`,
    [personId, limit],
  );

export interface HomeCommunity {
  slug: string;
  name: string;
  description: string;
}

/** Public communities the person is not in, by name. */
export const joinable = (m: EntityManager, personId: string, limit: number) =>
  sql<HomeCommunity>(
    m,
    `SELECT c.slug, c.name, c.description FROM community c
      WHERE c.event_visibility = 'public'
        AND NOT EXISTS (SELECT 1 FROM membership mb WHERE mb.community_id = c.id AND mb.person_id = $1)
      ORDER BY c.name, c.slug LIMIT $2`,
    [personId, limit],
  );
