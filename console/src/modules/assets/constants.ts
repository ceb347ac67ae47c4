export const ASSET_TYPES = ['server', 'workstation', 'network_device', 'honeypot', 'iot', 'cloud', 'other'] as const
export const ASSET_STATUSES = ['online', 'offline', 'unknown', 'decommissioned'] as const
export const VULN_STATUSES = ['open', 'in_triage', 'false_positive', 'not_affected', 'resolved'] as const
