"""Slow clients ("slowloris") against a running server: 3 000 requests whose
headers never end, from one address; then a request from another loopback
address, and how many slow connections the server closed. Prints figures;
asserts nothing. Usage: python3 scripts/slow-clients-probe.py PORT"""
import socket, time, sys
addr=("127.0.0.1", int(sys.argv[1]))
conns=[]
t0=time.time()
for i in range(3000):
    s=socket.socket(); s.setblocking(True)
    try:
        s.connect(addr); s.send(b"GET /api/health HTTP/1.1\r\nHost: p\r\nX-Lent: ")
        conns.append(s)
    except Exception as e:
        print("connect failed", i, e); break
print("opened", len(conns), "in %.1fs"%(time.time()-t0))
def health(src):
    s=socket.socket(); s.bind((src,0)); t=time.time(); s.connect(addr)
    s.send(b"GET /api/health HTTP/1.1\r\nHost: p\r\nConnection: close\r\n\r\n")
    data=s.recv(100); return data[:15], round((time.time()-t)*1000,1)
print("other visitor during the attack:", health("127.0.0.2"))
try: print("the attacker's own address:", health("127.0.0.1"))
except Exception as e: print("the attacker's own address: refused", e)
# how many of the slow ones are closed now / after 11 s
def closed(s):
    s.settimeout(0.001)
    try: return s.recv(10)==b""
    except socket.timeout: return False
    except Exception: return True
print("closed at once:", sum(closed(s) for s in conns))
time.sleep(11)
print("closed after 11 s:", sum(closed(s) for s in conns))
print("other visitor after:", health("127.0.0.3"))
