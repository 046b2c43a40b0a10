-- A new permission, comment.moderate (delete other people's comments): the built-in roles that hold every
-- permission (owner, admin) and the product manager get it in every existing workspace, as new ones do.
UPDATE `roles` SET `permissions` = json_insert(`permissions`, '$[#]', 'comment.moderate')
WHERE `built_in` IN ('owner', 'admin', 'pm')
  AND NOT EXISTS (SELECT 1 FROM json_each(`roles`.`permissions`) WHERE `value` = 'comment.moderate');
