-- placeholder replaced below
CREATE TABLE organisations (id INTEGER PRIMARY KEY);
