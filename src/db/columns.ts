/** Column helpers shared by every entity: UUID keys made by PostgreSQL, timestamps as timestamptz. */
import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** With `uuidExtension: 'pgcrypto'` TypeORM defaults these to gen_random_uuid(), built into PostgreSQL 13+. */
export const UuidKey = () => PrimaryGeneratedColumn('uuid');
export const CreatedAt = () => CreateDateColumn({ name: 'created_at', type: 'timestamptz' });
export const UpdatedAt = () => UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' });
