import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { TokenStore } from './tokens.ts';

export const BOOTSTRAP_TOKEN_NAME = 'bootstrap';

/**
 * The admin token `radar start` prints (embedded mode has no open, unauthenticated API). Only
 * hashes are stored, so an old token cannot be shown again: every start issues a new one and
 * revokes the previous start's, leaving exactly one bootstrap token alive. Tokens created with
 * `radar token create` are not touched.
 */
export async function ensureBootstrapAdminToken(warehouse: Warehouse): Promise<string> {
  const store = new TokenStore(warehouse);
  const old = await queryRows<{ id: string }>(warehouse.client, loadSql('auth/bootstrap_tokens'), { name: BOOTSTRAP_TOKEN_NAME });
  const { token } = await store.create({ role: 'admin', name: BOOTSTRAP_TOKEN_NAME });
  for (const { id } of old) await store.revoke(id);
  return token;
}
