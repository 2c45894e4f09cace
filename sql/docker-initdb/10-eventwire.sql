-- Second database for eventwire's own data, beside Airflow's metadata database.
CREATE USER eventwire WITH PASSWORD 'eventwire';
CREATE DATABASE eventwire OWNER eventwire;
