/** Every migration, in order. Listed, not globbed: a migration never changes after it lands. */
import { Foundation1795422027288 } from './1795422027288-Foundation';

export const migrations: Function[] = [Foundation1795422027288];
