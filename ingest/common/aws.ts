// The AWS connection keys every AWS-backed plugin shares (DataHub's AwsConnectionConfig:
// aws_region, keys, session token, profile, role, endpoint override) and the client options they
// resolve to. Secrets are `secretString`s, so they print as ******** in errors and reports.
import { fromIni, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { z } from 'zod';
import { secretString } from '../api/config.js';

const roleSchema = z.union([
  z.string().min(1),
  z.strictObject({
    RoleArn: z.string().min(1).describe('ARN of the role to assume'),
    ExternalId: z.string().nullable().default(null).describe('External id the role requires'),
  }),
]);

export const awsConnectionFields = {
  aws_region: z.string().min(1).nullable().default(null).describe('AWS region (default: the AWS_REGION / profile of the environment)'),
  aws_access_key_id: secretString().nullable().default(null).describe('Access key id; default: the SDK credential chain (env, profile, instance role)'),
  aws_secret_access_key: secretString().nullable().default(null).describe('Secret access key, with aws_access_key_id'),
  aws_session_token: secretString().nullable().default(null).describe('Session token of temporary credentials'),
  aws_profile: z.string().nullable().default(null).describe('Named profile of ~/.aws/config and ~/.aws/credentials'),
  aws_role: z
    .union([roleSchema, z.array(roleSchema)])
    .nullable()
    .default(null)
    .describe('Role ARN (or a chain of roles, or {RoleArn, ExternalId}) to assume with STS before calling AWS'),
  aws_endpoint_url: z.string().url().nullable().default(null).describe('Endpoint override for every AWS call (e.g. moto or LocalStack: http://localhost:5000)'),
  aws_retry_num: z.number().int().min(0).default(5).describe('Retries of a failed AWS call'),
};

export const awsConnectionSchema = z.strictObject(awsConnectionFields);
export type AwsConnectionConfig = z.infer<typeof awsConnectionSchema>;

export interface AwsClientOptions {
  region: string;
  endpoint?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts: number;
}

/** SDK v3 client options from the shared keys (keys > profile > default chain; then role chain). */
export function awsClientOptions(c: AwsConnectionConfig): AwsClientOptions {
  const region = c.aws_region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  let credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
  if (c.aws_access_key_id && c.aws_secret_access_key) {
    credentials = {
      accessKeyId: c.aws_access_key_id,
      secretAccessKey: c.aws_secret_access_key,
      ...(c.aws_session_token ? { sessionToken: c.aws_session_token } : {}),
    };
  } else if (c.aws_profile) {
    credentials = fromIni({ profile: c.aws_profile });
  }
  const roles = c.aws_role === null ? [] : Array.isArray(c.aws_role) ? c.aws_role : [c.aws_role];
  for (const role of roles) {
    const params = typeof role === 'string' ? { RoleArn: role } : { RoleArn: role.RoleArn, ...(role.ExternalId ? { ExternalId: role.ExternalId } : {}) };
    credentials = fromTemporaryCredentials({
      params: { ...params, RoleSessionName: 'catalog-ingest' },
      ...(credentials ? { masterCredentials: credentials } : {}),
      clientConfig: { region, ...(c.aws_endpoint_url ? { endpoint: c.aws_endpoint_url } : {}) },
    });
  }
  return {
    region,
    ...(c.aws_endpoint_url ? { endpoint: c.aws_endpoint_url } : {}),
    ...(credentials ? { credentials } : {}),
    maxAttempts: c.aws_retry_num + 1,
  };
}
