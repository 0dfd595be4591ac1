import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A fact an installation fixes once and keeps (see instance-settings.ts). */
@Entity('instance_setting')
export class InstanceSetting {
  @PrimaryColumn({ type: 'text' }) key: string;
  @Column({ type: 'text' }) value: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
