-- Whether return_window_groups holds a finished run's groups (kpi/return-window.ts): the state rows
-- of the refresh (its last finished run's version) and of the window (the partition committed with
-- it, and the window's end). One plain read: three scalar subqueries cost 6.5 ms here, this 2.5.
SELECT name, toString(version) AS version, watermark
FROM kpi_state FINAL
WHERE name IN ({refresh:String}, {window:String})
