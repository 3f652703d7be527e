#!/usr/bin/python3
"""A local stand-in for GOV.UK Notify's API (v2), for tests/notices/notify.mjs.

It checks each request as Notify's API documentation describes it, so a request the real service
would refuse is refused here too:
- POST /v2/notifications/email, Content-Type application/json;
- Authorization: Bearer <JSON Web Token>, HS256, signed with the API key's secret, whose "iss" is
  the service id and whose "iat" is within 30 seconds of now. The token is checked by PyJWT
  (Debian's python3-jwt), not by code of this project;
- a JSON body with email_address, template_id (a template this service has) and personalisation
  holding every placeholder of that template; reference optional.
Refusals have Notify's shape: {"errors": [{"error": ..., "message": ...}], "status_code": N}.
An accepted notification is answered 201 with Notify's response fields, and appended to
DIR/sent.jsonl as one JSON line. While the file DIR/down exists every request is answered 500; while
DIR/refuse exists, 400 as Notify refuses an address it cannot send to (refused.jsonl holds each refused request).

usage: fake_notify.py PORT SERVICE_ID SECRET DIR TEMPLATE_ID=placeholder,placeholder ...
"""
import json
import os
import sys
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

port, service_id, secret, directory = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
templates = {}
for spec in sys.argv[5:]:
    template_id, _, placeholders = spec.partition('=')
    templates[template_id] = [p for p in placeholders.split(',') if p]


class Notify(BaseHTTPRequestHandler):
    def refuse(self, status, error, message):
        self.answer(status, {'errors': [{'error': error, 'message': message}], 'status_code': status})

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def authorised(self):
        header = self.headers.get('Authorization', '')
        if not header.startswith('Bearer '):
            return 'Unauthorized: authentication token must be provided'
        try:
            claims = jwt.decode(header[len('Bearer '):], secret, algorithms=['HS256'],
                                options={'require': ['iss', 'iat'], 'verify_iat': False})
        except jwt.PyJWTError as e:
            return f'Invalid token: {e}'
        if claims['iss'] != service_id:
            return 'Invalid token: service not found'
        if abs(time.time() - claims['iat']) > 30:
            return 'Error: Your system clock must be accurate to within 30 seconds'
        return None

    def do_POST(self):
        length = int(self.headers.get('Content-Length', '0'))
        raw = self.rfile.read(length)
        if os.path.exists(os.path.join(directory, 'down')):
            return self.refuse(500, 'Exception', 'Internal server error')
        if os.path.exists(os.path.join(directory, 'refuse')):
            with open(os.path.join(directory, 'refused.jsonl'), 'a', encoding='utf-8') as f:
                f.write(raw.decode('utf-8', 'replace') + '\n')
            return self.refuse(400, 'ValidationError', 'email_address Not a valid email address')
        if self.path != '/v2/notifications/email':
            return self.refuse(404, 'NotFound', 'Not found')
        problem = self.authorised()
        if problem:
            return self.refuse(403, 'AuthError', problem)
        if self.headers.get_content_type() != 'application/json':
            return self.refuse(400, 'BadRequestError', 'Content-Type must be application/json')
        try:
            body = json.loads(raw)
        except ValueError:
            return self.refuse(400, 'BadRequestError', 'Invalid JSON supplied in POST data')
        for field in ('email_address', 'template_id'):
            if not isinstance(body.get(field), str) or not body[field]:
                return self.refuse(400, 'ValidationError', f'{field} is a required property')
        if body['template_id'] not in templates:
            return self.refuse(400, 'BadRequestError', 'Template not found')
        personalisation = body.get('personalisation') or {}
        missing = [p for p in templates[body['template_id']] if p not in personalisation]
        if missing:
            return self.refuse(400, 'BadRequestError', f'Missing personalisation: {", ".join(missing)}')
        with open(os.path.join(directory, 'sent.jsonl'), 'a', encoding='utf-8') as f:
            f.write(json.dumps(body) + '\n')
        notification_id = str(uuid.uuid4())
        self.answer(201, {
            'id': notification_id,
            'reference': body.get('reference'),
            'content': {'subject': personalisation.get('subject', ''), 'body': personalisation.get('body', ''),
                        'from_email': 'young.carers@notifications.service.gov.uk'},
            'uri': f'http://127.0.0.1:{port}/v2/notifications/{notification_id}',
            'template': {'id': body['template_id'], 'version': 1,
                         'uri': f'http://127.0.0.1:{port}/v2/template/{body["template_id"]}'},
        })

    def log_message(self, *args):
        pass


ThreadingHTTPServer(('127.0.0.1', port), Notify).serve_forever()
