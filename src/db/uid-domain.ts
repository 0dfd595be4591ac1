/**
 * The domain part of every calendar UID (`event-<id>@<domain>`). Calendars match entries by UID, so
 * it must never change: it is the host of PUBLIC_URL when an installation first asks for it, stored
 * in `instance_setting`, and the same from then on — moving Brownbag to another address changes
 * links, not UIDs (which would duplicate every entry in every subscribed calendar). An installation
 * that existed before this was stored keeps the UIDs it has been sending, since its first answer is
 * the host it has been using.
 */
import type { DataSource } from 'typeorm';
import { storedOnce } from './instance-settings';

export class UidDomain {
  private value: Promise<string> | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly publicUrl: string,
  ) {}

  get(): Promise<string> {
    this.value ??= storedOnce(this.ds.manager, 'calendar_uid_domain', new URL(this.publicUrl).hostname).catch((e) => {
      this.value = null; // the database was away: ask again next time
      throw e;
    });
    return this.value;
  }
}
