// Must fail: cycle-b and cycle-a import each other.
import { a } from './cycle-a';

export const b = () => (Math.random() > 2 ? a() : 0);
