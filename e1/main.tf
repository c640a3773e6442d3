# A correct alb-vpce-apigw-lambda configuration: every review check is silent on it.
provider "aws" {
  region = "us-west-2"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-west-2a"
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "us-west-2b"
}

resource "aws_security_group" "alb" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "endpoint" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }
}

resource "aws_lb" "api" {
  name               = "api"
  internal           = false
  load_balancer_type = "application"
  security_groups    = [aws_security_group.alb.id]
  subnets            = [aws_subnet.a.id, aws_subnet.b.id]
}

resource "aws_acm_certificate" "cert" {
  domain_name       = "api.example.com"
  validation_method = "DNS"
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.api.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.cert.arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.endpoint.arn
  }
}

resource "aws_lb_target_group" "endpoint" {
  name        = "endpoint"
  port        = 443
  protocol    = "HTTPS"
  target_type = "ip"
  vpc_id      = aws_vpc.main.id

  health_check {
    protocol = "HTTPS" # health check protocol
    port     = "443"
    path     = "/ping"
    matcher  = "200,403"
  }
}

resource "aws_vpc_endpoint" "execute_api" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.us-west-2.execute-api"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.ea.id, aws_subnet.eb.id]
  security_group_ids  = [aws_security_group.endpoint.id]
  private_dns_enabled = false
}

data "aws_network_interface" "endpoint" {
  count = 2
  id    = sort(tolist(aws_vpc_endpoint.execute_api.network_interface_ids))[count.index]
}

resource "aws_lb_target_group_attachment" "endpoint" {
  count            = 2
  target_group_arn = aws_lb_target_group.endpoint.arn
  target_id        = data.aws_network_interface.endpoint[count.index].private_ip
  port             = 443
}

resource "aws_api_gateway_rest_api" "private" {
  name = "private"

  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = [aws_vpc_endpoint.execute_api.id]
  }

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
      Condition = { StringEquals = { "aws:SourceVpce" = aws_vpc_endpoint.execute_api.id } }
    }]
  })
}

resource "aws_api_gateway_domain_name" "private" {
  domain_name     = "api.example.com"
  certificate_arn = aws_acm_certificate.cert.arn

  endpoint_configuration {
    types = ["PRIVATE"]
  }

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
      Condition = { StringEquals = { "aws:SourceVpce" = [aws_vpc_endpoint.execute_api.id] } }
    }]
  })
}

resource "aws_api_gateway_domain_name_access_association" "private" {
  access_association_source      = aws_vpc_endpoint.execute_api.id
  access_association_source_type = "VPCE"
  domain_name_arn                = aws_api_gateway_domain_name.private.arn
}

resource "aws_api_gateway_base_path_mapping" "private" {
  api_id         = aws_api_gateway_rest_api.private.id
  domain_name    = aws_api_gateway_domain_name.private.domain_name
  domain_name_id = aws_api_gateway_domain_name.private.domain_name_id
}

resource "aws_cloudwatch_metric_alarm" "api_5xx" {
  alarm_name          = "api-5xx"
  namespace           = "AWS/ApiGateway"
  metric_name         = "5XXError"
  dimensions          = { ApiName = "private" }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
}

resource "aws_lambda_function" "app" {
  function_name = "app"
  role          = aws_iam_role.app.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  memory_size   = 256
  architectures = ["arm64"]
  filename      = "app.zip"
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}

resource "aws_subnet" "ea" {
  vpc_id               = aws_vpc.main.id
  cidr_block           = "10.0.11.0/24"
  availability_zone_id = "usw2-az1"
}

resource "aws_subnet" "eb" {
  vpc_id               = aws_vpc.main.id
  cidr_block           = "10.0.12.0/24"
  availability_zone_id = "usw2-az2"
}
