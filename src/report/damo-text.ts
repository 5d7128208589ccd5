// Numbers printed the way damo (Python) prints them, so that our text output diffs clean against
// damo's: a float as Python's repr (shortest round-trip digits; '15.0', '1e-05', '1.5e+16'),
// sizes and durations as damo's human formats.

/** Python's repr() of a float: the shortest digits that read back the same, in Python's notation. */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    return `${sign}${whole}.${fraction || '0'}`;
  }
  const shortMantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${shortMantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * Python's '%.Nf': the value rounded to `digits` decimals, a value exactly halfway to the even
 * digit ('%.3f' % 6.0625 is '6.062'), where toFixed goes up ('6.063'). Sizes that are multiples of
 * 64 KiB are such halves in MiB.
 */
export function pythonFixed(value: number, digits: number): string {
  const rounded = value.toFixed(digits);
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return rounded;
  // toFixed(100) is the double's exact decimal expansion for any value that can be a tie here.
  const exact = value.toFixed(100);
  const tail = exact.slice(exact.indexOf('.') + 1 + digits);
  if (!/^50*$/.test(tail)) return rounded;
  const truncated = exact.slice(0, exact.indexOf('.') + 1 + digits).replace(/\.$/, '');
  const lastDigit = Number(truncated.replace(/\D/g, '').slice(-1));
  return lastDigit % 2 === 0 ? truncated : rounded;
}

/** damo's format_sz: '241.551 MiB', '132.000 KiB', '12 B'; machine-friendly: the bytes. */
export function damoSize(bytes: number, machineFriendly = false): string {
  if (machineFriendly) return String(Math.trunc(bytes));
  for (const [shift, unit] of [
    [60, 'EiB'],
    [50, 'PiB'],
    [40, 'TiB'],
    [30, 'GiB'],
    [20, 'MiB'],
    [10, 'KiB'],
  ] as const) {
    if (bytes > 2 ** shift) return `${pythonFixed(bytes / 2 ** shift, 3)} ${unit}`;
  }
  return `${Math.trunc(bytes)} B`;
}

/** damo's format_time_ns: '2.843 s', '1 m 2.500 s', '1 h 5 m', '500 ns'; machine-friendly: the ns. */
export function damoTime(ns: number, machineFriendly = false): string {
  if (machineFriendly) return String(Math.trunc(ns));
  const HOUR = 3_600e9;
  const MINUTE = 60e9;
  if (ns >= HOUR) {
    const hours = Math.trunc(ns / HOUR);
    const rest = ns - hours * HOUR;
    return rest === 0 ? `${hours} h` : `${hours} h ${damoTime(rest)}`;
  }
  if (ns >= MINUTE) {
    const minutes = Math.trunc(ns / MINUTE);
    if (ns % MINUTE === 0) return `${minutes} m`;
    if (ns % 1e9 === 0) return `${minutes} m ${Math.trunc((ns % MINUTE) / 1e9)} s`;
    return `${minutes} m ${pythonFixed((ns % MINUTE) / 1e9, 3)} s`;
  }
  for (const [unit, name] of [
    [1e9, 's'],
    [1e6, 'ms'],
    [1e3, 'us'],
  ] as const) {
    if (ns >= unit)
      return ns % unit === 0 ? `${Math.trunc(ns / unit)} ${name}` : `${pythonFixed(ns / unit, 3)} ${name}`;
  }
  return `${Math.trunc(ns)} ns`;
}
