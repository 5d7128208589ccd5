import type { ErrorObject } from 'ajv';

export interface ManifestValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export const validate: ManifestValidator;
export default validate;
