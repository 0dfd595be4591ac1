import { randomBytes } from 'node:crypto';
import type { Static } from 'typebox';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../core/actor';
import { BadRequest, NotFound } from '../../core/errors';
import { authorize, can } from '../../core/policy';
import { Sealer } from '../../core/secrets';
import { secretKeyStore } from '../../db/instance-settings';
import type { CommunitiesService } from '../communities/communities.service';
import * as q from './announcements.queries';
import type { DeliveryRow, DestinationRow } from './announcements.queries';
import type { DestinationCreate, DestinationPatch as DestinationPatchSchema } from './announcements.schemas';

export type DestinationInput = Static<typeof DestinationCreate>;
export type DestinationPatch = Static<typeof DestinationPatchSchema>;

/** A URL as a hint: its host and last four characters (enough to tell two apart, not to use one). */
const hintOf = (url: URL) => `${url.host}/…${url.href.slice(-4)}`;

/**
 * Announcement destinations (organizers): where a community's happenings are posted. The URL and a
 * webhook's signing secret are sealed; the secret is shown once, on creation.
 */
export class AnnouncementsService {
  private readonly sealer: Sealer;

  constructor(
    private readonly ds: DataSource,
    private readonly communities: CommunitiesService,
  ) {
    this.sealer = new Sealer(secretKeyStore(ds));
  }

  async create(
    actor: Actor,
    slug: string,
    input: DestinationInput,
  ): Promise<{ dest: DestinationRow; secret: string | null }> {
    const a = await this.communities.access(actor, slug);
    authorize(a, 'destination.manage');
    const url = this.checkUrl(input.url);
    const secret = input.kind === 'webhook' ? `whsec_${randomBytes(24).toString('base64')}` : null;
    const id = await q.insertDestination(this.ds.manager, {
      communityId: a.community.id,
      kind: input.kind,
      name: input.name.trim(),
      urlSealed: await this.sealer.seal(url.href),
      urlHint: hintOf(url),
      secretSealed: secret ? await this.sealer.seal(secret) : null,
      happenings: [...new Set(input.happenings)],
    });
    return { dest: (await q.destination(this.ds.manager, id))!, secret };
  }

  async list(actor: Actor, slug: string): Promise<DestinationRow[]> {
    const a = await this.communities.access(actor, slug);
    authorize(a, 'destination.manage');
    return q.destinationsOf(this.ds.manager, a.community.id);
  }

  async get(actor: Actor, id: string): Promise<DestinationRow> {
    return this.mine(actor, id);
  }

  async update(actor: Actor, id: string, patch: DestinationPatch): Promise<DestinationRow> {
    const d = await this.mine(actor, id);
    await q.updateDestination(this.ds.manager, id, {
      name: patch.name?.trim() ?? d.name,
      happenings: patch.happenings ? [...new Set(patch.happenings)] : d.happenings,
      paused: patch.paused ?? d.paused_at !== null,
    });
    return (await q.destination(this.ds.manager, id))!;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.mine(actor, id);
    await q.deleteDestination(this.ds.manager, id);
  }

  /** The delivery log, newest first. */
  async deliveries(actor: Actor, id: string, limit = 50): Promise<DeliveryRow[]> {
    await this.mine(actor, id);
    return q.deliveriesOf(this.ds.manager, id, limit);
  }

  /** Sends a delivery again (whatever became of it). */
  async redeliver(actor: Actor, deliveryId: string): Promise<DeliveryRow> {
    const d = await q.delivery(this.ds.manager, deliveryId);
    if (!d) throw new NotFound('The delivery');
    await this.mine(actor, d.destination_id);
    await q.requeue(this.ds.manager, deliveryId);
    return (await q.delivery(this.ds.manager, deliveryId))!;
  }

  /** A test message now, to see the destination works (paused or not). */
  async test(actor: Actor, id: string): Promise<DeliveryRow> {
    const d = await this.mine(actor, id);
    return this.ds.transaction(async (m) => {
      const deliveryId = await q.insertTestDelivery(m, id, {
        type: 'test',
        community: d.community,
        title: 'Brownbag is connected',
        text: `Announcements from ${d.community} will arrive here.`,
        path: `/c/${d.community}`,
      });
      await q.requeue(m, deliveryId);
      return (await q.delivery(m, deliveryId))!;
    });
  }

  private checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new BadRequest('bad-url', 'The destination is a URL: the incoming webhook address the chat gave you.');
    }
    if (!['https:', 'http:'].includes(url.protocol) || url.username || url.password)
      throw new BadRequest('bad-url', 'The destination is an http(s) URL without a user name or password in it.');
    return url;
  }

  private async mine(actor: Actor, id: string): Promise<DestinationRow> {
    const d = await q.destination(this.ds.manager, id);
    if (!d) throw new NotFound('The destination');
    const a = await this.communities.access(actor, d.community);
    if (!can(a, 'destination.manage')) throw new NotFound('The destination');
    return d;
  }
}
