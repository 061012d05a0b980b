-- The demo source database: TICKIT (the AWS Redshift sample database the seed recipe ingests),
-- with keys, comments, views and generated rows so profiles and lineage have something to show.
CREATE TABLE users (
  userid integer PRIMARY KEY,
  username char(8) NOT NULL,
  firstname varchar(30),
  lastname varchar(30),
  city varchar(30),
  state char(2),
  email varchar(100),
  phone char(14),
  likesports boolean, liketheatre boolean, likeconcerts boolean, likejazz boolean
);
COMMENT ON TABLE users IS 'Registered users: buyers and sellers';
COMMENT ON COLUMN users.email IS 'Contact email address';

CREATE TABLE venue (venueid smallint PRIMARY KEY, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer);
COMMENT ON TABLE venue IS 'Where events take place';
CREATE TABLE category (catid smallint PRIMARY KEY, catgroup varchar(10), catname varchar(10), catdesc varchar(50));
CREATE TABLE "date" (dateid smallint PRIMARY KEY, caldate date NOT NULL, day char(3) NOT NULL, week smallint NOT NULL,
  month char(5) NOT NULL, qtr char(5) NOT NULL, year smallint NOT NULL, holiday boolean DEFAULT false);
CREATE TABLE event (eventid integer PRIMARY KEY, venueid smallint NOT NULL REFERENCES venue, catid smallint NOT NULL REFERENCES category,
  dateid smallint NOT NULL REFERENCES "date", eventname varchar(200), starttime timestamp);
CREATE TABLE listing (listid integer PRIMARY KEY, sellerid integer NOT NULL REFERENCES users, eventid integer NOT NULL REFERENCES event,
  dateid smallint NOT NULL REFERENCES "date", numtickets smallint NOT NULL, priceperticket numeric(8,2), totalprice numeric(8,2), listtime timestamp);
CREATE TABLE sales (salesid integer PRIMARY KEY, listid integer NOT NULL REFERENCES listing, sellerid integer NOT NULL REFERENCES users,
  buyerid integer NOT NULL REFERENCES users, eventid integer NOT NULL REFERENCES event, dateid smallint NOT NULL REFERENCES "date",
  qtysold smallint NOT NULL, pricepaid numeric(8,2), commission numeric(8,2), saletime timestamp);
COMMENT ON TABLE sales IS 'Ticket sales: the fact table';

INSERT INTO users SELECT i, 'user' || i, (ARRAY['Ana','Ben','Chloe','Dev','Emma','Femi'])[1 + i % 6], (ARRAY['Smith','Jones','Garcia','Chen'])[1 + i % 4],
  (ARRAY['Seattle','Austin','Boston','Denver'])[1 + i % 4], (ARRAY['WA','TX','MA','CO'])[1 + i % 4],
  CASE WHEN i % 10 = 0 THEN NULL ELSE 'user' || i || '@example.com' END, '(555) 555-' || lpad((i % 10000)::text, 4, '0'),
  i % 2 = 0, i % 3 = 0, i % 5 = 0, NULL FROM generate_series(1, 2000) i;
INSERT INTO venue SELECT i, 'Venue ' || i, (ARRAY['Seattle','Austin','Boston','Denver'])[1 + i % 4], (ARRAY['WA','TX','MA','CO'])[1 + i % 4],
  CASE WHEN i % 7 = 0 THEN NULL ELSE 500 + i * 37 END FROM generate_series(1, 50) i;
INSERT INTO category VALUES (1,'Sports','MLB','Major League Baseball'),(2,'Sports','NHL','National Hockey League'),
  (3,'Shows','Musicals','Musical theatre'),(4,'Shows','Plays','All non-musical theatre'),(5,'Concerts','Pop','All rock and pop concerts'),
  (6,'Concerts','Jazz','All jazz singers and bands');
INSERT INTO "date" SELECT i, DATE '2026-01-01' + i, to_char(DATE '2026-01-01' + i, 'Dy'), extract(week FROM DATE '2026-01-01' + i),
  to_char(DATE '2026-01-01' + i, 'Mon'), 'Q' || extract(quarter FROM DATE '2026-01-01' + i), 2026, i % 30 = 0 FROM generate_series(1, 365) i;
INSERT INTO event SELECT i, 1 + i % 50, 1 + i % 6, 1 + i % 365, 'Event ' || i, TIMESTAMP '2026-01-01 19:00' + (i % 365) * INTERVAL '1 day' FROM generate_series(1, 500) i;
INSERT INTO listing SELECT i, 1 + i % 2000, 1 + i % 500, 1 + i % 365, 1 + i % 8, 20 + (i % 180), (1 + i % 8) * (20 + (i % 180)),
  TIMESTAMP '2026-01-01 09:00' + (i % 365) * INTERVAL '1 day' FROM generate_series(1, 5000) i;
INSERT INTO sales SELECT i, 1 + i % 5000, 1 + i % 2000, 1 + (i * 7) % 2000, 1 + i % 500, 1 + i % 365, 1 + i % 4,
  (1 + i % 4) * (20 + (i % 180)), round((1 + i % 4) * (20 + (i % 180)) * 0.15, 2), TIMESTAMP '2026-01-02 10:00' + (i % 360) * INTERVAL '1 day'
  FROM generate_series(1, 10000) i;

CREATE VIEW sales_by_event AS
  SELECT e.eventid, e.eventname, c.catname, sum(s.pricepaid) AS revenue, sum(s.qtysold) AS tickets
    FROM sales s JOIN event e ON e.eventid = s.eventid JOIN category c ON c.catid = e.catid
   GROUP BY e.eventid, e.eventname, c.catname;
COMMENT ON VIEW sales_by_event IS 'Revenue and tickets sold per event';
CREATE VIEW top_buyers AS
  WITH spend AS (SELECT buyerid, sum(pricepaid) AS total FROM sales GROUP BY buyerid)
  SELECT u.userid, u.firstname, u.lastname, u.email, spend.total FROM spend JOIN users u ON u.userid = spend.buyerid;
CREATE MATERIALIZED VIEW monthly_sales AS
  SELECT d.year, d.month, sum(s.pricepaid) AS revenue FROM sales s JOIN "date" d ON d.dateid = s.dateid GROUP BY d.year, d.month;
