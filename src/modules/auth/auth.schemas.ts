import { Type } from 'typebox';
import { DateTime, Uuid } from '../../http/types';
import { SIGN_IN_METHODS } from './auth.entity';
import type { SessionRow } from './auth.queries';

export const SessionOut = Type.Object({
  id: Uuid,
  method: Type.Enum(SIGN_IN_METHODS, { description: 'how the browser signed in' }),
  userAgent: Type.String(),
  createdAt: DateTime,
  lastSeenAt: DateTime,
  expiresAt: DateTime,
  current: Type.Boolean({ description: 'the session this request came with' }),
});

export const sessionOut = (s: SessionRow, currentId?: string) => ({
  id: s.id,
  method: s.method,
  userAgent: s.user_agent,
  createdAt: s.created_at.toISOString(),
  lastSeenAt: s.last_seen_at.toISOString(),
  expiresAt: s.expires_at.toISOString(),
  current: s.id === currentId,
});
