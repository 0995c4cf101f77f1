-- Device names people understand (issue 19, item 5): the browser and system the User-Agent named when the account
-- was bound to the device ("Chrome" and "Android" → "Chrome trên Android"); NULL when it named none ("Trình duyệt
-- khác"), and for bindings made before this migration or by a registry import.
ALTER TABLE devices ADD COLUMN browser TEXT;
ALTER TABLE devices ADD COLUMN os TEXT;
