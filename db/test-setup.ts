/** Vitest setup for every test file: the stores `freshStore` opened are closed after its tests. */
import { afterAll } from 'vitest';
import { closeFreshStores } from './testing';

afterAll(closeFreshStores);
