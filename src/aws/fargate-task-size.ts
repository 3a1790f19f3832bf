/**
 * Fargate task sizes: the task-level cpu and memory pairs that Fargate
 * offers, and parsers for the string forms that RegisterTaskDefinition
 * accepts. Source: AWS RegisterTaskDefinition API reference (memory
 * parameter) and the ECS developer guide page on invalid task CPU or memory.
 */

export type FargateOperatingSystem = 'LINUX' | 'WINDOWS';

/** One task cpu value and the memory values Fargate offers with it. */
export interface FargateTaskSize {
  /** Task cpu in CPU units (1024 units = 1 vCPU). */
  readonly cpu: number;
  /** Allowed task memory values in MiB, ascending. */
  readonly memory: readonly number[];
  readonly operatingSystems: readonly FargateOperatingSystem[];
  /** Lowest Linux platform version that offers this size, when it matters. */
  readonly minimumPlatformVersion?: string;
}

const ONE_VCPU_IN_UNITS = 1024;
const ONE_GB_IN_MIB = 1024;

/** Fargate on Windows starts at 1 vCPU. */
export const FARGATE_WINDOWS_MIN_CPU = ONE_VCPU_IN_UNITS;

export const FARGATE_TASK_SIZES: readonly FargateTaskSize[] = [
  {
    cpu: 256,
    memory: [512, 1024, 2048],
    operatingSystems: ['LINUX'],
  },
  {
    cpu: 512,
    memory: memoryRange(1024, 4096, 1024),
    operatingSystems: ['LINUX'],
  },
  {
    cpu: 1024,
    memory: memoryRange(2048, 8192, 1024),
    operatingSystems: ['LINUX', 'WINDOWS'],
  },
  {
    cpu: 2048,
    memory: memoryRange(4096, 16384, 1024),
    operatingSystems: ['LINUX', 'WINDOWS'],
  },
  {
    cpu: 4096,
    memory: memoryRange(8192, 30720, 1024),
    operatingSystems: ['LINUX', 'WINDOWS'],
  },
  {
    cpu: 8192,
    memory: memoryRange(16384, 61440, 4096),
    operatingSystems: ['LINUX'],
    minimumPlatformVersion: '1.4.0',
  },
  {
    cpu: 16384,
    memory: memoryRange(32768, 122880, 8192),
    operatingSystems: ['LINUX'],
    minimumPlatformVersion: '1.4.0',
  },
];

function memoryRange(first: number, last: number, step: number): number[] {
  const values: number[] = [];
  for (let value = first; value <= last; value += step) {
    values.push(value);
  }
  return values;
}

const INTEGER_STRING = /^\d+$/;
// RegisterTaskDefinition documents "1 vCPU" and "1 vcpu". The unit is
// matched without regard to case, with or without the space.
const VCPU_STRING = /^(\d+(?:\.\d*)?|\.\d+) ?vcpu$/i;
// RegisterTaskDefinition documents "1GB" and "1 GB".
const GB_STRING = /^(\d+(?:\.\d*)?|\.\d+) ?gb$/i;

/**
 * Converts a task `cpu` value to CPU units. Accepts a non-negative integer,
 * an integer string (`"1024"`) and vCPU strings (`"1 vCPU"`, `"0.25vcpu"`,
 * `".5 vCPU"`). Returns undefined for anything else, including vCPU amounts
 * that are not a whole number of units.
 */
export function parseCpuUnits(value: unknown): number | undefined {
  return parseWithUnit(value, VCPU_STRING, ONE_VCPU_IN_UNITS);
}

/**
 * Converts a task `memory` value to MiB. Accepts a non-negative integer, an
 * integer string (`"2048"`) and GB strings (`"2 GB"`, `"2GB"`, `"0.5 GB"`,
 * 1 GB = 1024 MiB). Returns undefined for anything else, including GB
 * amounts that are not a whole number of MiB.
 */
export function parseMemoryMiB(value: unknown): number | undefined {
  return parseWithUnit(value, GB_STRING, ONE_GB_IN_MIB);
}

function parseWithUnit(
  value: unknown,
  unitPattern: RegExp,
  unitSize: number,
): number | undefined {
  if (typeof value === 'number') {
    return toWholeAmount(value);
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  if (INTEGER_STRING.test(value)) {
    return toWholeAmount(Number(value));
  }
  const match = unitPattern.exec(value);
  if (match?.[1] === undefined) {
    return undefined;
  }
  return toWholeAmount(Number(match[1]) * unitSize);
}

function toWholeAmount(value: number): number | undefined {
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * Tells whether a `runtimePlatform.operatingSystemFamily` value names
 * Windows (`WINDOWS_SERVER_2019_FULL` and the like). Anything else,
 * including a missing or templated value, counts as Linux, which is the
 * ECS default.
 */
export function isWindowsOperatingSystemFamily(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('WINDOWS');
}

/** Returns the Fargate size row for a task cpu value, if Fargate has one. */
export function fargateTaskSizeFor(cpu: unknown): FargateTaskSize | undefined {
  const units = parseCpuUnits(cpu);
  return FARGATE_TASK_SIZES.find((size) => size.cpu === units);
}

/** Returns the memory values in MiB that Fargate offers with a task cpu. */
export function fargateMemoryOptions(cpu: unknown): readonly number[] {
  return fargateTaskSizeFor(cpu)?.memory ?? [];
}

/** Returns the task cpu values Fargate offers for an OS family. */
export function fargateCpuOptions(operatingSystemFamily?: unknown): number[] {
  const system = operatingSystemOf(operatingSystemFamily);
  return FARGATE_TASK_SIZES.filter((size) =>
    size.operatingSystems.includes(system),
  ).map((size) => size.cpu);
}

function operatingSystemOf(family: unknown): FargateOperatingSystem {
  return isWindowsOperatingSystemFamily(family) ? 'WINDOWS' : 'LINUX';
}

export interface FargateTaskSizeInput {
  /** Task-level cpu as written: integer, `"1024"` or `"1 vCPU"`. */
  cpu: unknown;
  /** Task-level memory as written: integer, `"2048"` or `"2 GB"`. */
  memory: unknown;
  /** `runtimePlatform.operatingSystemFamily`, Linux when absent. */
  operatingSystemFamily?: unknown;
}

export type FargateTaskSizeProblem =
  'unsupported-cpu' | 'unsupported-memory' | 'windows-min-cpu' | 'unparseable';

export type FargateTaskSizeCheck =
  | { valid: true }
  | {
      valid: false;
      reason: FargateTaskSizeProblem;
      /** Memory values in MiB for the cpu, or empty if the cpu is invalid. */
      allowedMemory: number[];
      /** Allowed memory closest to the given one, ties to the larger value. */
      nearestMemory?: number;
      /** Task cpu values Fargate offers for the operating system. */
      supportedCpu: number[];
    };

/**
 * Checks a task-level cpu and memory pair against the Fargate table.
 * A cpu that cannot be parsed is reported before any memory problem, and
 * a Windows task below 1 vCPU gets `windows-min-cpu`.
 */
export function checkFargateTaskSize(
  input: FargateTaskSizeInput,
): FargateTaskSizeCheck {
  const supportedCpu = fargateCpuOptions(input.operatingSystemFamily);

  const cpu = parseCpuUnits(input.cpu);
  if (cpu === undefined) {
    return {
      valid: false,
      reason: 'unparseable',
      allowedMemory: [],
      supportedCpu,
    };
  }
  const size = FARGATE_TASK_SIZES.find((row) => row.cpu === cpu);
  if (size === undefined || !supportedCpu.includes(cpu)) {
    const belowWindowsMinimum =
      size !== undefined &&
      isWindowsOperatingSystemFamily(input.operatingSystemFamily) &&
      cpu < FARGATE_WINDOWS_MIN_CPU;
    return {
      valid: false,
      reason: belowWindowsMinimum ? 'windows-min-cpu' : 'unsupported-cpu',
      allowedMemory: [],
      supportedCpu,
    };
  }

  const allowedMemory = [...size.memory];
  const memory = parseMemoryMiB(input.memory);
  if (memory === undefined) {
    return { valid: false, reason: 'unparseable', allowedMemory, supportedCpu };
  }
  if (!allowedMemory.includes(memory)) {
    return {
      valid: false,
      reason: 'unsupported-memory',
      allowedMemory,
      nearestMemory: nearestValue(allowedMemory, memory),
      supportedCpu,
    };
  }
  return { valid: true };
}

/** Picks the value closest to the target; a tie goes to the larger value. */
function nearestValue(ascending: readonly number[], target: number): number {
  let nearest = ascending[0] ?? target;
  for (const candidate of ascending) {
    if (Math.abs(candidate - target) <= Math.abs(nearest - target)) {
      nearest = candidate;
    }
  }
  return nearest;
}
