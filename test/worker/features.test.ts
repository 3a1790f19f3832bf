import { describe, expect, it } from 'vitest';

import {
  compareVersions,
  isKeyKnownTo,
  isValidVersion,
  workerFeatures,
  type WorkerFeatures,
} from '../../src/worker/features.js';

function hybrid(version: string): WorkerFeatures {
  return workerFeatures({ kind: 'hybrid', prefectAws: version });
}

describe('compareVersions', () => {
  it.each([
    ['0.4.14', '0.4.14', 0],
    ['0.4.14', '0.4.9', 1],
    ['0.4.9', '0.4.14', -1],
    ['0.10.0', '0.9.9', 1],
    ['1.0.0', '0.99.99', 1],
    ['0.7', '0.7.0', 0],
    ['0.7.1', '0.7', 1],
  ])('compares %s with %s as %i', (left, right, expected) => {
    expect(compareVersions(left, right)).toBe(expected);
  });
});

describe('isValidVersion', () => {
  it.each([
    ['0.7.11', true],
    ['10.20.30', true],
    ['0.7', false],
    ['v0.7.11', false],
    ['0.7.11rc1', false],
    ['', false],
  ])('%j is %s', (version, expected) => {
    expect(isValidVersion(version)).toBe(expected);
  });
});

describe('workerFeatures by prefect-aws release', () => {
  type Flag = Exclude<keyof WorkerFeatures, 'knownKeysVersion'>;

  // Each flag with the first release that has it (or, for dropsFalsyVariables,
  // the first release without it).
  const releases: [Flag, string, string, boolean][] = [
    ['dropsLaunchTypeWithStrategy', '0.4.13', '0.4.14', true],
    ['defaultsLaunchTypeOnlyWithoutStrategy', '0.5.13', '0.6.0', true],
    ['missingLaunchTypeIsNotFargate', '0.5.13', '0.6.0', true],
    ['fillsRunRequestCluster', '0.7.0', '0.7.1', true],
    ['omitsLaunchTypeForEc2Compatibility', '0.7.1', '0.7.2', true],
    ['keepsFalseValues', '0.7.3', '0.7.4', true],
    ['mergesSecrets', '0.7.10', '0.7.11', true],
    ['dropsFalsyVariables', '0.5.10', '0.5.11', false],
  ];

  it.each(releases)('%s changes between %s and %s', (flag, before, from, valueFrom) => {
    expect(hybrid(before)[flag]).toBe(!valueFrom);
    expect(hybrid(from)[flag]).toBe(valueFrom);
  });

  it('gives a push pool none of the newer worker fixes', () => {
    const push = workerFeatures({ kind: 'push' });
    for (const [flag] of releases) {
      expect(push[flag], flag).toBe(false);
    }
  });

  it('knows every current key for a push pool', () => {
    expect(isKeyKnownTo('prefect_api_auth_string_secret_arn', workerFeatures({ kind: 'push' }).knownKeysVersion)).toBe(
      true,
    );
  });

  it('uses the hybrid release for known keys', () => {
    expect(hybrid('0.4.14').knownKeysVersion).toBe('0.4.14');
  });
});

describe('isKeyKnownTo', () => {
  it.each([
    ['task_definition', '0.3.1', true],
    ['network_configuration', '0.3.6', false],
    ['network_configuration', '0.3.7', true],
    ['execution_role_arn', '0.4.14', false],
    ['execution_role_arn', '0.5.0', true],
    ['prefect_api_key_secret_arn', '0.5.11', false],
    ['prefect_api_key_secret_arn', '0.5.12', true],
    ['not_a_field', '9.9.9', false],
  ])('%s in %s is %s', (key, version, expected) => {
    expect(isKeyKnownTo(key, version)).toBe(expected);
  });
});
