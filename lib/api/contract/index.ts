/** Every endpoint of the REST API (v1), as the OpenAPI document describes them. */
import { CLAIM_REVIEW_ENDPOINTS } from './claim-review';
import { CORE_ENDPOINTS } from './core';
import type { Endpoint } from './registry';
import { WORKSPACE_REVIEW_ENDPOINTS } from './workspace-review';

export const ALL_ENDPOINTS: Endpoint[] = [
  ...CORE_ENDPOINTS,
  ...WORKSPACE_REVIEW_ENDPOINTS,
  ...CLAIM_REVIEW_ENDPOINTS,
];
