-- "Quản lý cán bộ": a province_admin locks an officer ("Khóa"), which ends the officer's sessions at once and refuses
-- their login until "Mở khóa". Apart from `locked_until`, the 15-minute lockout after wrong passwords. NULL: not locked.
ALTER TABLE officers ADD COLUMN disabled_at INTEGER;
ALTER TABLE officers ADD COLUMN disabled_by TEXT;
