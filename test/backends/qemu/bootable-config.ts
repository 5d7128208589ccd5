// The kernel options a guest needs to boot and serve DAMON, for the qemu backend's tests that make
// kernel trees of their own (9p, swap and the rest are added by each test).
export const BOOTABLE_CONFIG = [
  'CONFIG_DAMON=y',
  'CONFIG_DAMON_SYSFS=y',
  'CONFIG_DAMON_VADDR=y',
  'CONFIG_DAMON_PADDR=y',
  'CONFIG_VIRTIO_PCI=y',
  'CONFIG_DEVTMPFS=y',
  'CONFIG_SERIAL_8250_CONSOLE=y',
  'CONFIG_TRACING=y',
];
